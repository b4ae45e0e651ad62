"""Running the pipeline: the `lvpress run` command, its engines (local processes, Dask), the
per-document cache, spilling to disk and the benchmark."""
