-- 0006: a project name is unique within its company (the duplicate check alone could race).
DROP INDEX master_data.ix_project_company_id;

CREATE UNIQUE INDEX ix_project_company_id_name ON master_data.project (company_id, name);
