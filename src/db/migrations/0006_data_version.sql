CREATE TABLE "data_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_version_one_row" CHECK ("data_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "data_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
-- Raised by every change to what agendas and scorecards are computed from. Inside a
-- transaction Rudder opened (it sets rudder.transaction), the change is only noted, and the
-- transaction raises the counter itself just before COMMIT: its one row is then locked for
-- an instant, never for the length of an import, and it is taken last, so it adds no
-- deadlock. A statement outside such a transaction raises it at once.
CREATE FUNCTION "rudder_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('rudder.transaction', true) = 'on' THEN
    PERFORM set_config('rudder.data_changed', 'on', true);
  ELSE
    UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "org_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "org" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "person_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "person" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "team_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "team" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "team_membership_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "team_membership" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "stage_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "goal_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "goal" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "opportunity_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "opportunity" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "opportunity_event_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "opportunity_event" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "activity_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "result_entry_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "result_entry" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "meeting_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "meeting" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();--> statement-breakpoint
CREATE TRIGGER "activity_share_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity_share" FOR EACH STATEMENT EXECUTE FUNCTION "rudder_data_changed"();
