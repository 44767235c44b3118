-- Assistant achat numérique: the shared base of team mode and its three roles (PostgreSQL 13 or newer).
--
-- Run it once, as a PostgreSQL superuser (e.g. sudo -u postgres psql ...), with psql:
--
--   psql -v ON_ERROR_STOP=1 -d postgres -f team-roles.sql \
--        -v base=achats -v proprietaire=achats_proprietaire \
--        -v acheteurs=achats_acheteurs -v controleurs=achats_controleurs
--
-- Every -v is optional (defaults below). The script can run again at any time (it creates only what is
-- missing) and before or after the application's first start. Do not run it with psql's -1 option:
-- CREATE DATABASE cannot run inside a transaction.
--
-- What it makes:
--   * :proprietaire  (LOGIN)   the schema owner. The application's first start with this role creates the
--                               tables; every later version's migration runs with it too. Give it a
--                               password (\password) or a certificate; buyers never use it.
--   * :acheteurs     (NOLOGIN) group of the buyers: read and write dossiers and offers, append to the
--                               journal; never change or delete the journal, never erase a dossier for
--                               good (emptying the trash is the owner's), never change the schema.
--   * :controleurs   (NOLOGIN) group of the controllers: read only. Their window opens read-only.
--   * the base :base, owned by :proprietaire, that only these roles may connect to.
-- People log in with their own role, member of a group (their name is written in the journal):
--   CREATE ROLE marie LOGIN IN ROLE achats_acheteurs;      \password marie
--   CREATE ROLE paul  LOGIN IN ROLE achats_controleurs;    \password paul

\set ON_ERROR_STOP on
\if :{?base}
\else
  \set base assistant_achat
\endif
\if :{?proprietaire}
\else
  \set proprietaire assistant_proprietaire
\endif
\if :{?acheteurs}
\else
  \set acheteurs assistant_acheteurs
\endif
\if :{?controleurs}
\else
  \set controleurs assistant_controleurs
\endif

-- 1. The roles (cluster-wide), created only when missing. Never superusers.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', :'proprietaire')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'proprietaire') \gexec
SELECT format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', name)
  FROM (VALUES (:'acheteurs'), (:'controleurs')) AS wanted(name)
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec

-- 2. The base, owned by the schema owner, when missing; only the three roles may connect.
SELECT format('CREATE DATABASE %I OWNER %I', :'base', :'proprietaire')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'base') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'base') \gexec
-- CREATE on the base: the owner's migrations may add the trusted extensions they need (pg_trgm, unaccent).
SELECT format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO %I', :'base', :'proprietaire') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I', :'base', :'acheteurs', :'controleurs') \gexec

\connect :"base"

-- 3. The schema: only the owner creates tables in it (before PostgreSQL 15 everyone could).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"proprietaire";
GRANT USAGE ON SCHEMA public TO :"acheteurs", :"controleurs";

-- 4. Tables the owner creates from now on (first start, later versions' migrations) get these rights.
ALTER DEFAULT PRIVILEGES FOR ROLE :"proprietaire" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"acheteurs";
ALTER DEFAULT PRIVILEGES FOR ROLE :"proprietaire" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"acheteurs";
ALTER DEFAULT PRIVILEGES FOR ROLE :"proprietaire" IN SCHEMA public
  GRANT SELECT ON TABLES TO :"controleurs";

-- 5. Tables that already exist (the script runs after the first start): the same rights.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"acheteurs";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"acheteurs";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"controleurs";

-- 6. What stays the owner's alone. The application applies the same list (assistant/storage/rights.py,
--    OWNER_ONLY) after each migration it runs, so the order of the first start and this script does not
--    matter. The journal's triggers (migration 0001) refuse UPDATE and DELETE on it even to the owner.
SELECT format('REVOKE %s ON %I FROM %I, %I', privileges, name, :'acheteurs', :'controleurs')
  FROM (VALUES ('event', 'UPDATE, DELETE, TRUNCATE'),
               ('dossier', 'DELETE, TRUNCATE'),
               ('alembic_version', 'INSERT, UPDATE, DELETE, TRUNCATE')) AS owner_only(name, privileges)
 WHERE to_regclass(format('public.%I', name)) IS NOT NULL \gexec

-- 7. Tables created by another role (a first start with the wrong role) cannot be migrated by the owner.
SELECT count(*) > 0 AS wrong_owner FROM pg_tables
 WHERE schemaname = 'public' AND tablename IN ('dossier', 'candidate', 'event', 'alembic_version')
   AND tableowner <> :'proprietaire' \gset
\if :wrong_owner
  \warn 'Des tables de la base n''appartiennent pas au propriétaire : il ne pourra pas les mettre à jour.'
  SELECT format('La table %s appartient au rôle %s : ALTER TABLE %I OWNER TO %I;',
                tablename, tableowner, tablename, :'proprietaire') AS "À corriger"
    FROM pg_tables
   WHERE schemaname = 'public' AND tablename IN ('dossier', 'candidate', 'event', 'alembic_version')
     AND tableowner <> :'proprietaire';
\endif
