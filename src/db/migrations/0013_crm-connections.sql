CREATE TABLE "crm_connection" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"instance_url" text NOT NULL,
	"login_url" text,
	"auth_kind" text NOT NULL,
	"client_id" text,
	"username" text,
	"secrets" text NOT NULL,
	"cursors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_message" text,
	"running_until" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_connection_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "crm_connection_kind_check" CHECK ("crm_connection"."kind" in ('salesforce','hubspot')),
	CONSTRAINT "crm_connection_status_check" CHECK ("crm_connection"."status" in ('active','stopped'))
);
--> statement-breakpoint
ALTER TABLE "crm_connection" ADD CONSTRAINT "crm_connection_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crm_connection_kind_key" ON "crm_connection" USING btree ("org_id","kind");