CREATE TYPE "public"."import_kind" AS ENUM('inventory', 'invoice');--> statement-breakpoint
CREATE TYPE "public"."import_state" AS ENUM('mapping', 'parsing', 'ready', 'applying', 'applied', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "carrier_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"category" text NOT NULL,
	"e164" text,
	"service_ref" text,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "ck_carrier_flags_subject" CHECK ("carrier_flags"."e164" is not null or "carrier_flags"."service_ref" is not null)
);
--> statement-breakpoint
CREATE TABLE "import_changes" (
	"job_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"e164" text NOT NULL,
	"change" text NOT NULL,
	"before" text,
	"after" text
);
--> statement-breakpoint
CREATE TABLE "import_errors" (
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"problem" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"raw" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"kind" "import_kind" NOT NULL,
	"carrier_id" uuid,
	"file_name" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"stored_file" text NOT NULL,
	"format" jsonb NOT NULL,
	"headers" jsonb NOT NULL,
	"preview" jsonb NOT NULL,
	"mapping" jsonb,
	"state" "import_state" DEFAULT 'mapping' NOT NULL,
	"mark_missing" boolean DEFAULT true NOT NULL,
	"exclude_bad_rows" boolean DEFAULT false NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"bytes_done" bigint DEFAULT 0 NOT NULL,
	"bad_rows" integer DEFAULT 0 NOT NULL,
	"phase_started_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"error" text,
	"created_by" uuid,
	"created_by_email" text NOT NULL,
	"applied_by" uuid,
	"applied_by_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "ck_import_jobs_progress" CHECK ("import_jobs"."rows_done" >= 0 and "import_jobs"."bytes_done" >= 0 and "import_jobs"."bad_rows" >= 0)
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"carrier_id" uuid NOT NULL,
	"kind" "import_kind" NOT NULL,
	"format" jsonb NOT NULL,
	"headers" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_import_mappings_carrier_kind" UNIQUE("carrier_id","kind")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"e164" text,
	"service_ref" text,
	"status" "number_status",
	"amount_cents" bigint,
	"description" text,
	"problem" text
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"job_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"e164" text,
	"service_ref" text,
	"amount_cents" bigint,
	"description" text
);
--> statement-breakpoint
ALTER TABLE "carrier_flags" ADD CONSTRAINT "carrier_flags_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ix_carrier_flags_building" ON "carrier_flags" USING btree ("building_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_carrier_flags_open" ON "carrier_flags" USING btree ("building_id","category",coalesce("e164", ''),coalesce("service_ref", '')) WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "ix_import_changes_job" ON "import_changes" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "ix_import_errors_job_line" ON "import_errors" USING btree ("job_id","line");--> statement-breakpoint
CREATE INDEX "ix_import_jobs_building_created" ON "import_jobs" USING btree ("building_id","created_at");--> statement-breakpoint
CREATE INDEX "ix_import_jobs_working" ON "import_jobs" USING btree ("state","lease_until");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_import_jobs_one_open_per_building" ON "import_jobs" USING btree ("building_id") WHERE state in ('mapping', 'parsing', 'ready', 'applying');--> statement-breakpoint
CREATE INDEX "ix_invoice_lines_building_e164" ON "invoice_lines" USING btree ("building_id","e164");--> statement-breakpoint
CREATE INDEX "ix_invoice_lines_job" ON "invoice_lines" USING btree ("job_id");