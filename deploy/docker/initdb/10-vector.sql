-- Runs once when the postgres container initialises its volume; the services' database
-- user is not a superuser in other setups, so the extension is created up front.
CREATE EXTENSION IF NOT EXISTS vector;
