-- Issue 15, filters: which files a transfer takes from its source paths (see TransferFiltersSchema):
-- include and exclude globs, size bounds, skipping hidden names. Null: every file, as before;
-- existing rows keep that.
alter table transfers add column filters jsonb
  check (filters is null or jsonb_typeof(filters) = 'object');
comment on column transfers.filters is 'file filters {include, exclude, minSizeBytes, maxSizeBytes, skipHidden}; null: all files';
