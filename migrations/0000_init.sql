CREATE TYPE "public"."audit_action" AS ENUM('create', 'update', 'delete', 'allocate', 'release', 'login', 'password');--> statement-breakpoint
CREATE TYPE "public"."contact_role" AS ENUM('authorized_signatory', 'technical', 'billing', 'primary');--> statement-breakpoint
CREATE TYPE "public"."critical_use" AS ENUM('lift_alarm', 'fire_alarm', 'intercom', 'security_alarm', 'pin_terminal');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('nl', 'en');--> statement-breakpoint
CREATE TYPE "public"."number_status" AS ENUM('active', 'porting_out', 'ported_out', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."number_use" AS ENUM('tenant', 'common', 'lift_alarm', 'fire_alarm', 'intercom', 'security_alarm', 'pin_terminal');--> statement-breakpoint
CREATE TYPE "public"."service_kind" AS ENUM('pstn', 'isdn2', 'isdn30', 'sip_trunk', 'hosted_voice', 'fiber', 'dsl', 'ethernet');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('facility_manager', 'tenant', 'sales');--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"street" text NOT NULL,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_buildings_postcode" CHECK ("buildings"."postcode" ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
	CONSTRAINT "ck_buildings_name" CHECK (length(trim("buildings"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"tenant_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"roles" "contact_role"[] DEFAULT '{}' NOT NULL,
	"locale" "locale" DEFAULT 'nl' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_contacts_building_id" UNIQUE("building_id","id"),
	CONSTRAINT "ck_contacts_name" CHECK (length(trim("contacts"."name")) > 0),
	CONSTRAINT "ck_contacts_email" CHECK ("contacts"."email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "ck_contacts_phone" CHECK ("contacts"."phone" is null or "contacts"."phone" ~ '^\+[1-9][0-9]{6,14}$')
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"legal_name" text NOT NULL,
	"kvk_number" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"move_in" date NOT NULL,
	"move_out" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_tenants_building_id" UNIQUE("building_id","id"),
	CONSTRAINT "uq_tenants_building_kvk" UNIQUE("building_id","kvk_number"),
	CONSTRAINT "ck_tenants_kvk" CHECK ("tenants"."kvk_number" ~ '^[0-9]{8}$'),
	CONSTRAINT "ck_tenants_name" CHECK (length(trim("tenants"."legal_name")) > 0),
	CONSTRAINT "ck_tenants_move_out" CHECK ("tenants"."move_out" is null or "tenants"."move_out" >= "tenants"."move_in")
);
--> statement-breakpoint
CREATE TABLE "carriers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "uq_carriers_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"carrier_id" uuid NOT NULL,
	"contract_number" text NOT NULL,
	"holder_tenant_id" uuid,
	"signed_by_contact_id" uuid,
	"start_date" date NOT NULL,
	"initial_term_months" integer NOT NULL,
	"renewal_term_months" integer DEFAULT 0 NOT NULL,
	"notice_days" integer NOT NULL,
	"monthly_fee_cents" bigint NOT NULL,
	"early_termination_pct" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_contracts_building_id" UNIQUE("building_id","id"),
	CONSTRAINT "uq_contracts_building_carrier_number" UNIQUE("building_id","carrier_id","contract_number"),
	CONSTRAINT "ck_contracts_number" CHECK (length(trim("contracts"."contract_number")) > 0),
	CONSTRAINT "ck_contracts_initial_term" CHECK ("contracts"."initial_term_months" between 1 and 240),
	CONSTRAINT "ck_contracts_renewal_term" CHECK ("contracts"."renewal_term_months" between 0 and 120),
	CONSTRAINT "ck_contracts_notice" CHECK ("contracts"."notice_days" between 0 and 730),
	CONSTRAINT "ck_contracts_fee" CHECK ("contracts"."monthly_fee_cents" >= 0),
	CONSTRAINT "ck_contracts_etf_pct" CHECK ("contracts"."early_termination_pct" between 0 and 100),
	CONSTRAINT "ck_contracts_start" CHECK ("contracts"."start_date" >= date '1980-01-01')
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"kind" "service_kind" NOT NULL,
	"carrier_ref" text NOT NULL,
	"main_number" text,
	"dedicated_tenant_id" uuid,
	"critical_use" "critical_use",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_services_building_id" UNIQUE("building_id","id"),
	CONSTRAINT "uq_services_building_carrier_ref" UNIQUE("building_id","carrier_ref"),
	CONSTRAINT "ck_services_carrier_ref" CHECK (length(trim("services"."carrier_ref")) > 0),
	CONSTRAINT "ck_services_data_no_main_number" CHECK ("services"."kind" not in ('fiber', 'dsl', 'ethernet') or "services"."main_number" is null)
);
--> statement-breakpoint
CREATE TABLE "number_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"number_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	CONSTRAINT "ck_number_allocations_period" CHECK ("number_allocations"."valid_to" is null or "number_allocations"."valid_to" >= "number_allocations"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "number_ranges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"first_e_164" text NOT NULL,
	"first_value" bigint NOT NULL,
	"count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_number_ranges_building_id" UNIQUE("building_id","id"),
	CONSTRAINT "ck_number_ranges_count" CHECK ("number_ranges"."count" between 1 and 10000),
	CONSTRAINT "ck_number_ranges_first" CHECK ("number_ranges"."first_e_164" ~ '^\+[1-9][0-9]{6,14}$')
);
--> statement-breakpoint
CREATE TABLE "numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"range_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"e164" text NOT NULL,
	"tenant_id" uuid,
	"billed" boolean DEFAULT true NOT NULL,
	"use" "number_use" DEFAULT 'tenant' NOT NULL,
	"status" "number_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_numbers_building_e164" UNIQUE("building_id","e164"),
	CONSTRAINT "uq_numbers_building_id" UNIQUE("building_id","id"),
	CONSTRAINT "uq_numbers_service_e164" UNIQUE("service_id","e164"),
	CONSTRAINT "ck_numbers_e164" CHECK ("numbers"."e164" ~ '^\+[1-9][0-9]{6,14}$')
);
--> statement-breakpoint
CREATE TABLE "building_managers" (
	"building_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pk_building_managers" PRIMARY KEY("building_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "building_shares" (
	"building_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"shared_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pk_building_shares" PRIMARY KEY("building_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_sessions_token_hash" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" NOT NULL,
	"tenant_id" uuid,
	"locale" "locale",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_users_email_lower" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "ck_users_tenant_binding" CHECK (("users"."role" = 'tenant') = ("users"."tenant_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_email" text NOT NULL,
	"building_id" uuid,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"action" "audit_action" NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "fk_contacts_tenant" FOREIGN KEY ("building_id","tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "fk_contracts_holder_tenant" FOREIGN KEY ("building_id","holder_tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "fk_contracts_signed_by" FOREIGN KEY ("building_id","signed_by_contact_id") REFERENCES "public"."contacts"("building_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "fk_services_contract" FOREIGN KEY ("building_id","contract_id") REFERENCES "public"."contracts"("building_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "fk_services_dedicated_tenant" FOREIGN KEY ("building_id","dedicated_tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_allocations" ADD CONSTRAINT "number_allocations_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_allocations" ADD CONSTRAINT "fk_number_allocations_number" FOREIGN KEY ("building_id","number_id") REFERENCES "public"."numbers"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_allocations" ADD CONSTRAINT "fk_number_allocations_tenant" FOREIGN KEY ("building_id","tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_ranges" ADD CONSTRAINT "number_ranges_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_ranges" ADD CONSTRAINT "fk_number_ranges_service" FOREIGN KEY ("building_id","service_id") REFERENCES "public"."services"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "numbers" ADD CONSTRAINT "numbers_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "numbers" ADD CONSTRAINT "fk_numbers_range" FOREIGN KEY ("building_id","range_id") REFERENCES "public"."number_ranges"("building_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "numbers" ADD CONSTRAINT "fk_numbers_service" FOREIGN KEY ("building_id","service_id") REFERENCES "public"."services"("building_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "numbers" ADD CONSTRAINT "fk_numbers_tenant" FOREIGN KEY ("building_id","tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_managers" ADD CONSTRAINT "building_managers_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_managers" ADD CONSTRAINT "building_managers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_shares" ADD CONSTRAINT "building_shares_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_shares" ADD CONSTRAINT "building_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_shares" ADD CONSTRAINT "building_shares_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ix_contacts_tenant" ON "contacts" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "ix_services_contract" ON "services" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "ix_number_allocations_number" ON "number_allocations" USING btree ("number_id");--> statement-breakpoint
CREATE INDEX "ix_number_allocations_tenant" ON "number_allocations" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "ix_numbers_service" ON "numbers" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "ix_numbers_tenant" ON "numbers" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "ix_numbers_range" ON "numbers" USING btree ("range_id");--> statement-breakpoint
CREATE INDEX "ix_login_attempts_email_at" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "ix_login_attempts_ip_at" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "ix_sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "ix_audit_log_building_at" ON "audit_log" USING btree ("building_id","at");--> statement-breakpoint
CREATE INDEX "ix_audit_log_entity" ON "audit_log" USING btree ("entity_type","entity_id");