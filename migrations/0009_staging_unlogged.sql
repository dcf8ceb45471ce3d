-- The staging tables of carrier-file imports are scratch space, refilled from the stored file whenever
-- a parse runs again: unlogged, they skip the write-ahead log and COPY into them is faster. (After a
-- server crash PostgreSQL empties them; the import is then simply parsed again.)
ALTER TABLE "import_rows" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_errors" SET UNLOGGED;
