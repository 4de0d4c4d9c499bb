DROP INDEX "opportunity_owner_closed_idx";--> statement-breakpoint
CREATE INDEX "opportunity_owner_changed_idx" ON "opportunity" USING btree ("org_id","owner_id","last_changed_at");--> statement-breakpoint
CREATE INDEX "opportunity_owner_closed_idx" ON "opportunity" USING btree ("org_id","owner_id","closed_at","status","amount","created_at","last_changed_at");