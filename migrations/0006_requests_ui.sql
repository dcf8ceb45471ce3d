CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "migration_requests" ADD COLUMN "install_before_port_acknowledged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "migration_requests" ADD COLUMN "client_key" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_calendar_feeds_token_hash" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "ix_calendar_feeds_building" ON "calendar_feeds" USING btree ("building_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_outbox_dedupe_key" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
ALTER TABLE "migration_requests" ADD CONSTRAINT "uq_migration_requests_building_client_key" UNIQUE("building_id","client_key");