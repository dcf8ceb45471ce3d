CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "ck_api_tokens_name" CHECK (length(trim("api_tokens"."name")) between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "building_shares" ADD COLUMN "prospect_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_api_tokens_token_hash" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "ix_api_tokens_user" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "building_shares" ADD CONSTRAINT "fk_building_shares_prospect" FOREIGN KEY ("building_id","prospect_tenant_id") REFERENCES "public"."tenants"("building_id","id") ON DELETE cascade ON UPDATE no action;