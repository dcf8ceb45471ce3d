-- Invariants drizzle-kit cannot express: exclusion constraints, the main-number link, append-only audit.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- Number blocks of one building never overlap (a single number is a block of one).
ALTER TABLE "number_ranges" ADD CONSTRAINT "ex_number_ranges_no_overlap"
  EXCLUDE USING gist ("building_id" WITH =, int8range("first_value", "first_value" + "count") WITH &&);
--> statement-breakpoint
-- A number is held by at most one tenant at any moment.
ALTER TABLE "number_allocations" ADD CONSTRAINT "ex_number_allocations_no_overlap"
  EXCLUDE USING gist ("number_id" WITH =, tstzrange("valid_from", "valid_to") WITH &&);
--> statement-breakpoint
-- The main number of a service must be one of that service's own numbers; it cannot be deleted
-- while it is the main number (change the main number first).
ALTER TABLE "services" ADD CONSTRAINT "fk_services_main_number"
  FOREIGN KEY ("id", "main_number") REFERENCES "numbers" ("service_id", "e164")
  DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
