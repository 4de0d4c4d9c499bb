CREATE TABLE "commitment" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"owner_role" text NOT NULL,
	"rep_id" uuid NOT NULL,
	"text" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reviewed_in_meeting_id" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid,
	"rep_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"duration_minutes" smallint DEFAULT 20 NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"started_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"stage_reached" text,
	"agenda_snapshot" jsonb,
	"rescheduled_to_id" uuid,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "meeting_status_check" CHECK ("meeting"."status" in ('scheduled','held','missed','rescheduled','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "meeting_note" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"section" text NOT NULL,
	"visibility" text DEFAULT 'shared' NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_note_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_series" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"rep_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"cadence" text DEFAULT 'monthly' NOT NULL,
	"weekday" smallint NOT NULL,
	"time_of_day" time NOT NULL,
	"time_zone" text NOT NULL,
	"duration_minutes" smallint DEFAULT 20 NOT NULL,
	"starts_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_series_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_event_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_run" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text,
	"actor_id" uuid,
	"dry_run" text DEFAULT 'no' NOT NULL,
	"status" text NOT NULL,
	"rows_read" bigint DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"idempotency_key" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_run_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "job" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"done_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox_message" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"to" text[] NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_message_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "org" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"locale" text DEFAULT 'en-US' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"fiscal_year_start_month" smallint DEFAULT 1 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_fiscal_month_check" CHECK ("org"."fiscal_year_start_month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "api_token" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_token_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"name" text NOT NULL,
	"email" text,
	"title" text,
	"role" text DEFAULT 'rep' NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "person_role_check" CHECK ("person"."role" in ('admin','leader','manager','rep'))
);
--> statement-breakpoint
CREATE TABLE "session" (
	"org_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "session_org_id_token_hash_pk" PRIMARY KEY("org_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "team" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"manager_id" uuid,
	"leader_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "team_membership" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "team_membership_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "team_membership_range_check" CHECK ("team_membership"."valid_to" is null or "team_membership"."valid_to" > "team_membership"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "activity" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"external_id" text,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"opportunity_id" uuid,
	"subject" text,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "activity_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "activity_count_check" CHECK ("activity"."count" > 0)
);
--> statement-breakpoint
CREATE TABLE "goal" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"activity_kind" text DEFAULT '' NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"target" bigint NOT NULL,
	"status" text NOT NULL,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agreed_by" uuid,
	"agreed_at" timestamp with time zone,
	CONSTRAINT "goal_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "goal_target_check" CHECK ("goal"."target" >= 0)
);
--> statement-breakpoint
CREATE TABLE "goal_event" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"action" text NOT NULL,
	"target" bigint NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_event_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "opportunity" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"account" text,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"stage_id" uuid NOT NULL,
	"status" text NOT NULL,
	"probability" smallint,
	"created_at" timestamp with time zone NOT NULL,
	"close_date" date,
	"closed_at" timestamp with time zone,
	"last_changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opportunity_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "opportunity_amount_check" CHECK ("opportunity"."amount" >= 0),
	CONSTRAINT "opportunity_status_check" CHECK ("opportunity"."status" in ('open','won','lost'))
);
--> statement-breakpoint
CREATE TABLE "opportunity_event" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "opportunity_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"opportunity_id" uuid NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"observed_at" timestamp with time zone NOT NULL,
	"import_run_id" uuid,
	CONSTRAINT "opportunity_event_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "result_entry" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"person_id" uuid NOT NULL,
	"day" date NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "result_entry_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "stage" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"probability" smallint NOT NULL,
	CONSTRAINT "stage_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "stage_kind_check" CHECK ("stage"."kind" in ('open','won','lost')),
	CONSTRAINT "stage_probability_check" CHECK ("stage"."probability" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_org_id_meeting_id_meeting_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meeting"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_org_id_rep_id_person_org_id_id_fk" FOREIGN KEY ("org_id","rep_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_org_id_manager_id_person_org_id_id_fk" FOREIGN KEY ("org_id","manager_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_org_id_series_id_meeting_series_org_id_id_fk" FOREIGN KEY ("org_id","series_id") REFERENCES "public"."meeting_series"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_note" ADD CONSTRAINT "meeting_note_org_id_meeting_id_meeting_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meeting"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_org_id_rep_id_person_org_id_id_fk" FOREIGN KEY ("org_id","rep_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_org_id_manager_id_person_org_id_id_fk" FOREIGN KEY ("org_id","manager_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_org_id_person_id_person_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."person"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_org_id_manager_id_person_org_id_id_fk" FOREIGN KEY ("org_id","manager_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_org_id_leader_id_person_org_id_id_fk" FOREIGN KEY ("org_id","leader_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_org_id_team_id_team_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."team"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_org_id_person_id_person_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."person"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_org_id_person_id_person_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_org_id_person_id_person_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."person"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_event" ADD CONSTRAINT "goal_event_org_id_goal_id_goal_org_id_id_fk" FOREIGN KEY ("org_id","goal_id") REFERENCES "public"."goal"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity" ADD CONSTRAINT "opportunity_org_id_owner_id_person_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity" ADD CONSTRAINT "opportunity_org_id_stage_id_stage_org_id_id_fk" FOREIGN KEY ("org_id","stage_id") REFERENCES "public"."stage"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_event" ADD CONSTRAINT "opportunity_event_org_id_opportunity_id_opportunity_org_id_id_fk" FOREIGN KEY ("org_id","opportunity_id") REFERENCES "public"."opportunity"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_entry" ADD CONSTRAINT "result_entry_org_id_person_id_person_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."person"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage" ADD CONSTRAINT "stage_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_rep_idx" ON "commitment" USING btree ("org_id","rep_id","due_on");--> statement-breakpoint
CREATE INDEX "commitment_owner_idx" ON "commitment" USING btree ("org_id","owner_id","due_on");--> statement-breakpoint
CREATE INDEX "meeting_rep_idx" ON "meeting" USING btree ("org_id","rep_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "meeting_manager_idx" ON "meeting" USING btree ("org_id","manager_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "meeting_note_meeting_idx" ON "meeting_note" USING btree ("org_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_series_rep_idx" ON "meeting_series" USING btree ("org_id","rep_id");--> statement-breakpoint
CREATE INDEX "meeting_series_manager_idx" ON "meeting_series" USING btree ("org_id","manager_id");--> statement-breakpoint
CREATE INDEX "audit_event_at_idx" ON "audit_event" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "import_run_started_idx" ON "import_run" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE INDEX "job_due_idx" ON "job" USING btree ("run_at") WHERE "job"."done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "job_dedupe_key" ON "job" USING btree ("org_id","kind","dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_message_created_idx" ON "outbox_message" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "org_slug_key" ON "org" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "api_token_hash_key" ON "api_token" USING btree ("org_id","token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "person_external_id_key" ON "person" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_email_key" ON "person" USING btree ("org_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "team_name_key" ON "team" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "team_membership_person_idx" ON "team_membership" USING btree ("org_id","person_id","valid_from");--> statement-breakpoint
CREATE INDEX "team_membership_team_idx" ON "team_membership" USING btree ("org_id","team_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_external_id_key" ON "activity" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "activity_person_idx" ON "activity" USING btree ("org_id","person_id","occurred_at","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "goal_natural_key" ON "goal" USING btree ("org_id","person_id","metric","activity_kind","period_kind","period_start");--> statement-breakpoint
CREATE INDEX "goal_event_goal_idx" ON "goal_event" USING btree ("org_id","goal_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_external_id_key" ON "opportunity" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "opportunity_owner_status_idx" ON "opportunity" USING btree ("org_id","owner_id","status","close_date");--> statement-breakpoint
CREATE INDEX "opportunity_owner_closed_idx" ON "opportunity" USING btree ("org_id","owner_id","closed_at");--> statement-breakpoint
CREATE INDEX "opportunity_owner_created_idx" ON "opportunity" USING btree ("org_id","owner_id","created_at");--> statement-breakpoint
CREATE INDEX "opportunity_event_opportunity_idx" ON "opportunity_event" USING btree ("org_id","opportunity_id","observed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "result_entry_external_id_key" ON "result_entry" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "result_entry_person_idx" ON "result_entry" USING btree ("org_id","person_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_name_key" ON "stage" USING btree ("org_id","name");