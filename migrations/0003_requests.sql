CREATE TYPE "public"."consent_state" AS ENUM('pending', 'given', 'refused');--> statement-breakpoint
CREATE TYPE "public"."request_state" AS ENUM('draft', 'submitted', 'awaiting_consent', 'awaiting_approval', 'approved', 'scheduled', 'completed', 'rejected', 'cancelled', 'withdrawn');--> statement-breakpoint
CREATE TABLE "consent_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"state" "consent_state" DEFAULT 'pending' NOT NULL,
	"answered_by" uuid,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"reason" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_consent_tasks_request_tenant" UNIQUE("request_id","tenant_id")
);
--> statement-breakpoint
CREATE TABLE "migration_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"state" "request_state" DEFAULT 'draft' NOT NULL,
	"request" jsonb NOT NULL,
	"snapshot" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_migration_requests_building_id" UNIQUE("building_id","id"),
	CONSTRAINT "ck_migration_requests_version" CHECK ("migration_requests"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"from_state" "request_state",
	"to_state" "request_state",
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "request_numbers" (
	"building_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"number_id" uuid NOT NULL,
	"e164" text NOT NULL,
	CONSTRAINT "uq_request_numbers_building_number" UNIQUE("building_id","number_id")
);
--> statement-breakpoint
ALTER TABLE "consent_tasks" ADD CONSTRAINT "consent_tasks_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_tasks" ADD CONSTRAINT "fk_consent_tasks_request" FOREIGN KEY ("building_id","request_id") REFERENCES "public"."migration_requests"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_tasks" ADD CONSTRAINT "fk_consent_tasks_tenant" FOREIGN KEY ("building_id","tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_requests" ADD CONSTRAINT "migration_requests_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_requests" ADD CONSTRAINT "migration_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_requests" ADD CONSTRAINT "migration_requests_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_requests" ADD CONSTRAINT "fk_migration_requests_tenant" FOREIGN KEY ("building_id","tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "fk_request_events_request" FOREIGN KEY ("building_id","request_id") REFERENCES "public"."migration_requests"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_numbers" ADD CONSTRAINT "fk_request_numbers_request" FOREIGN KEY ("building_id","request_id") REFERENCES "public"."migration_requests"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_numbers" ADD CONSTRAINT "fk_request_numbers_number" FOREIGN KEY ("building_id","number_id") REFERENCES "public"."numbers"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ix_migration_requests_building_state" ON "migration_requests" USING btree ("building_id","state");--> statement-breakpoint
CREATE INDEX "ix_request_events_request_at" ON "request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "ix_request_numbers_request" ON "request_numbers" USING btree ("request_id");