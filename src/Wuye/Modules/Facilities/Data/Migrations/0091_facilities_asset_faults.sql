-- 0091 facilities: faults reported on an asset outside a maintenance round, each with the work order it opened (intactness).
-- Drafted from the EF model (dotnet Wuye.dll --print-create-script).

CREATE TABLE facilities.asset_fault (
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    project_id uuid NOT NULL,
    asset_id uuid NOT NULL,
    service_request_id uuid NOT NULL,
    reported_at timestamp with time zone NOT NULL,
    reported_by_user_id uuid,
    description character varying(500) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_asset_fault PRIMARY KEY (id)
);

CREATE INDEX ix_asset_fault_asset_id ON facilities.asset_fault (asset_id);

CREATE INDEX ix_asset_fault_company_id ON facilities.asset_fault (company_id);

CREATE INDEX ix_asset_fault_project_id_reported_at ON facilities.asset_fault (project_id, reported_at);

CREATE UNIQUE INDEX ix_asset_fault_service_request_id ON facilities.asset_fault (service_request_id);
