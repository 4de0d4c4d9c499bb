CREATE TABLE "rep_pre_work" (
	"org_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"rep_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rep_pre_work_org_id_meeting_id_pk" PRIMARY KEY("org_id","meeting_id")
);
--> statement-breakpoint
ALTER TABLE "commitment" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rep_pre_work" ADD CONSTRAINT "rep_pre_work_org_id_meeting_id_meeting_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meeting"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_pre_work" ADD CONSTRAINT "rep_pre_work_org_id_rep_id_person_org_id_id_fk" FOREIGN KEY ("org_id","rep_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;