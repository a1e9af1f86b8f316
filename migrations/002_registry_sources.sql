-- Stand-ins for the departments' systems used by household economic verification (家庭经济状况核对)
-- in development, demos and tests: one table per data source, each row one record of that
-- department, keyed by the person's resident id number, with the department's record reference.
-- Loaded from CSV/JSON files (scripts/load-registry.ts) or by the demo generator
-- (scripts/seed-registry.ts); read by verification/sources/registrySource.ts. Column layouts match
-- verification/registryTables.ts.

CREATE TABLE registry_household_registration (
  record_ref       text PRIMARY KEY,
  id_number        text NOT NULL,
  name             text NOT NULL,
  household_number text NOT NULL,
  address          text NOT NULL,
  registered_on    date,
  loaded_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_household_registration_id ON registry_household_registration (id_number);

CREATE TABLE registry_civil_affairs (
  record_ref text PRIMARY KEY,
  id_number  text NOT NULL,
  event      text NOT NULL CHECK (event IN ('death', 'funeral', 'marriage', 'divorce')),
  event_date date NOT NULL,
  note       text,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_civil_affairs_id ON registry_civil_affairs (id_number);

CREATE TABLE registry_social_security (
  record_ref     text PRIMARY KEY,
  id_number      text NOT NULL,
  record_type    text NOT NULL CHECK (record_type IN ('wage', 'pension', 'unemploymentBenefit', 'contribution')),
  monthly_amount numeric(14, 2) CHECK (monthly_amount >= 0),
  employer       text,
  since          date,
  loaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_social_security_id ON registry_social_security (id_number);

CREATE TABLE registry_real_estate (
  record_ref     text PRIMARY KEY,
  id_number      text NOT NULL,
  address        text NOT NULL,
  use            text NOT NULL CHECK (use IN ('residential', 'commercial')),
  floor_area     numeric(10, 2) CHECK (floor_area >= 0),
  assessed_value numeric(14, 2) CHECK (assessed_value >= 0),
  loaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_real_estate_id ON registry_real_estate (id_number);

CREATE TABLE registry_vehicles (
  record_ref     text PRIMARY KEY,
  id_number      text NOT NULL,
  plate          text NOT NULL,
  vehicle_type   text NOT NULL
    CHECK (vehicle_type IN ('passengerCar', 'truck', 'motorcycle', 'agricultural', 'disabilityVehicle', 'vessel')),
  assessed_value numeric(14, 2) CHECK (assessed_value >= 0),
  registered_on  date,
  loaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_vehicles_id ON registry_vehicles (id_number);

CREATE TABLE registry_business_registration (
  record_ref         text PRIMARY KEY,
  id_number          text NOT NULL,
  entity_name        text NOT NULL,
  entity_type        text NOT NULL CHECK (entity_type IN ('individual', 'company', 'cooperative')),
  registered_capital numeric(16, 2) NOT NULL CHECK (registered_capital >= 0),
  employees          integer NOT NULL CHECK (employees >= 0),
  status             text NOT NULL CHECK (status IN ('active', 'deregistered')),
  loaded_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_business_registration_id ON registry_business_registration (id_number);

CREATE TABLE registry_tax (
  record_ref    text PRIMARY KEY,
  id_number     text NOT NULL,
  tax_year      integer NOT NULL,
  income_type   text NOT NULL CHECK (income_type IN ('wage', 'business', 'property', 'other')),
  annual_income numeric(16, 2) NOT NULL CHECK (annual_income >= 0),
  loaded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_tax_id ON registry_tax (id_number);

CREATE TABLE registry_provident_fund (
  record_ref           text PRIMARY KEY,
  id_number            text NOT NULL,
  balance              numeric(14, 2) NOT NULL CHECK (balance >= 0),
  monthly_contribution numeric(12, 2) CHECK (monthly_contribution >= 0),
  employer             text,
  status               text NOT NULL CHECK (status IN ('active', 'sealed')),
  loaded_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_provident_fund_id ON registry_provident_fund (id_number);

CREATE TABLE registry_banks (
  record_ref text PRIMARY KEY,
  id_number  text NOT NULL,
  bank_name  text NOT NULL,
  account_no text NOT NULL,
  balance    numeric(16, 2) NOT NULL CHECK (balance >= 0),
  as_of      date NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_banks_id ON registry_banks (id_number);

CREATE TABLE registry_securities (
  record_ref   text PRIMARY KEY,
  id_number    text NOT NULL,
  broker       text NOT NULL,
  account_no   text NOT NULL,
  market_value numeric(16, 2) NOT NULL CHECK (market_value >= 0),
  as_of        date NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_securities_id ON registry_securities (id_number);

CREATE TABLE registry_insurers (
  record_ref   text PRIMARY KEY,
  id_number    text NOT NULL,
  insurer      text NOT NULL,
  product      text NOT NULL,
  product_type text NOT NULL CHECK (product_type IN ('life', 'annuity', 'health', 'property')),
  cash_value   numeric(16, 2) NOT NULL CHECK (cash_value >= 0),
  loaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_insurers_id ON registry_insurers (id_number);

CREATE TABLE registry_internet_finance (
  record_ref text PRIMARY KEY,
  id_number  text NOT NULL,
  platform   text NOT NULL,
  product    text NOT NULL,
  balance    numeric(16, 2) NOT NULL CHECK (balance >= 0),
  as_of      date NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_internet_finance_id ON registry_internet_finance (id_number);

CREATE TABLE registry_utilities (
  record_ref     text PRIMARY KEY,
  id_number      text NOT NULL,
  utility        text NOT NULL CHECK (utility IN ('electricity', 'water', 'gas', 'telecom')),
  account_no     text NOT NULL,
  monthly_amount numeric(12, 2) NOT NULL CHECK (monthly_amount >= 0),
  period         text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  loaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_utilities_id ON registry_utilities (id_number);
