"""Pages of the Katalog TIK: public lists and details, staff registry pages, export and import."""
