"""Database routing: every model lives in `default`; the `datastore` alias holds only the
tables of published resources, which the datastore app creates itself (no Django migrations)."""


class DatastoreRouter:
    def db_for_read(self, model, **hints):
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
