-- A widget key may list subdomain wildcard origins (https://*.example.com) only when this was asked for explicitly:
-- any page on any such subdomain can then spend the tenant's quota.
ALTER TABLE widget_keys ADD COLUMN allow_wildcard_origins boolean NOT NULL DEFAULT false;
