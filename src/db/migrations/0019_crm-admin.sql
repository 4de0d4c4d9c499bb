CREATE TABLE "crm_oauth_state" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"state_hash" text NOT NULL,
	"person_id" uuid NOT NULL,
	"session_hash" text NOT NULL,
	"verifier" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"login_url" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_oauth_state_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm_connection" ADD COLUMN "last_run" jsonb;--> statement-breakpoint
ALTER TABLE "crm_oauth_state" ADD CONSTRAINT "crm_oauth_state_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crm_oauth_state_hash_key" ON "crm_oauth_state" USING btree ("org_id","state_hash");