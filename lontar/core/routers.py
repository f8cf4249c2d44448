"""Database routing: every model lives in `default`; the `datastore` alias holds only the
tables of published resources, which the datastore app creates itself (no Django migrations)."""


class DatastoreRouter:
    def db_for_read(self, model, **hints):  # noqa: ANN001, ANN201
        return "default"

    def db_for_write(self, model, **hints):  # noqa: ANN001, ANN201
        return "default"

    def allow_relation(self, obj1, obj2, **hints):  # noqa: ANN001, ANN201
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):  # noqa: ANN001, ANN201
        return db == "default"
