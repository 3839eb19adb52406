"""Row triggers written once for SQLite and PostgreSQL (the counts the sidebar shows).

SQLite puts a trigger's statements in its body; PostgreSQL runs a function. A
trigger here is its statements in the SQL both accept (``new.x``/``old.x``), and
``create_sql``/``drop_sql`` write it for the dialect at hand. A statement that
needs other words on PostgreSQL (an upsert that names the kept row) says so with
``postgresql=``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Trigger:
    name: str
    table: str
    # "INSERT", "DELETE", "UPDATE OF sort_at" ...
    event: str
    body: tuple[str, ...]
    when: str = ""
    postgresql: tuple[str, ...] = ()
    postgresql_when: str = ""

    def create_sql(self, dialect: str) -> list[str]:
        if dialect == "sqlite":
            when = f" WHEN {self.when}" if self.when else ""
            body = " ".join(s + ";" for s in self.body)
            return [
                f"CREATE TRIGGER {self.name} AFTER {self.event} ON {self.table}{when} "
                f"BEGIN {body} END"
            ]
        body = " ".join(s + ";" for s in (self.postgresql or self.body))
        condition = self.postgresql_when or self.when
        when = f" WHEN ({condition})" if condition else ""
        return [
            f"CREATE FUNCTION {self.name}_fn() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {body} RETURN NULL; END $$",
            f"CREATE TRIGGER {self.name} AFTER {self.event} ON {self.table} "
            f"FOR EACH ROW{when} EXECUTE FUNCTION {self.name}_fn()",
        ]

    def drop_sql(self, dialect: str) -> list[str]:
        if dialect == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {self.name}"]
        return [
            f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
            f"DROP FUNCTION IF EXISTS {self.name}_fn()",
        ]
