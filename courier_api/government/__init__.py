"""Government document jobs: court service of documents and traffic-archive transfers."""
