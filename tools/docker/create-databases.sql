-- Each service owns its database (the same names as tools/infra/infrastructure.mjs uses).
CREATE DATABASE registry_contacts;
CREATE DATABASE registry_sharing;
CREATE DATABASE registry_audit;
