ALTER TABLE "contracts" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "ended_on" date;