DROP INDEX "goal_period_idx";--> statement-breakpoint
CREATE INDEX "rep_month_month_idx" ON "rep_month" USING btree ("org_id","month","person_id","won_amount","result_amount");--> statement-breakpoint
CREATE INDEX "goal_period_idx" ON "goal" USING btree ("org_id","metric","activity_kind","period_start","person_id","period_kind","target","status");