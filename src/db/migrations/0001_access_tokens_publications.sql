CREATE TABLE "activity_share" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_share_org_id_person_id_pk" PRIMARY KEY("org_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "one_time_token" (
	"org_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "one_time_token_org_id_token_hash_pk" PRIMARY KEY("org_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "scorecard_publication" (
	"org_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_publication_org_id_team_id_period_key_pk" PRIMARY KEY("org_id","team_id","period_key")
);
--> statement-breakpoint
ALTER TABLE "activity_share" ADD CONSTRAINT "activity_share_org_id_person_id_person_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."person"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_token" ADD CONSTRAINT "one_time_token_org_id_person_id_person_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."person"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_publication" ADD CONSTRAINT "scorecard_publication_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_publication" ADD CONSTRAINT "scorecard_publication_org_id_team_id_team_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."team"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "one_time_token_person_idx" ON "one_time_token" USING btree ("org_id","person_id");