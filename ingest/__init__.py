"""Reading articles and extracting claims: claimkb.ingest.readers turns files into
ArticleRecords, claimkb.ingest.extract turns a parsed article into claims,
speakers, quantities and citations. Knows nothing of the database."""
