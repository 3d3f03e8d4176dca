"""Sources of the offline demo archive, read by replay.sample: captures.yaml, sites.csv, sites/."""
