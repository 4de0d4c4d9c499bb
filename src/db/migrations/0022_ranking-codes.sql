DROP INDEX "goal_period_idx";--> statement-breakpoint
DROP INDEX "rep_month_month_idx";--> statement-breakpoint
ALTER TABLE "goal" ADD COLUMN "ranking_code" text GENERATED ALWAYS AS ((case period_kind when 'month' then '0' when 'quarter' then '1' when 'year' then '2' end) || ',' || (period_start - '2000-01-01'::date)::text || ',' || target::text || ',' || (case status when 'proposed' then '0' when 'agreed' then '1' when 'rejected' then '2' end)) STORED;--> statement-breakpoint
ALTER TABLE "rep_month" ADD COLUMN "ranking_code" text GENERATED ALWAYS AS ((month - '2000-01-01'::date)::text || ',' || (won_amount + result_amount)::text) STORED;--> statement-breakpoint
CREATE INDEX "goal_period_idx" ON "goal" USING btree ("org_id","metric","activity_kind","period_start","person_id","ranking_code");--> statement-breakpoint
CREATE INDEX "rep_month_month_idx" ON "rep_month" USING btree ("org_id","month","person_id","ranking_code");