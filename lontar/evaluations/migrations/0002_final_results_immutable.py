"""The database refuses to change a finalised result (the services refuse first; this is the backstop).

Once a submission is ``final``: no UPDATE of the submission, of its answers or of their reviews,
and no new review or evidence link. DELETE is left to the application (a final cycle is never
deleted by any service; the test suite's table flush must still work).
"""

from django.db import migrations

MESSAGE = "a finalised evaluation result cannot change"
FINAL_OF_ANSWER = "(SELECT state FROM evaluations_submission WHERE id = {answer}.submission_id) = 'final'"
FINAL_OF_REVIEW = (
    "(SELECT s.state FROM evaluations_submission s JOIN evaluations_answer a ON a.submission_id = s.id "
    "WHERE a.id = {row}.answer_id) = 'final'"
)

SQLITE_TRIGGERS = {
    "evaluations_submission_final_guard": ("UPDATE", "evaluations_submission", "OLD.state = 'final'"),
    "evaluations_answer_final_guard": ("UPDATE", "evaluations_answer", FINAL_OF_ANSWER.format(answer="OLD")),
    "evaluations_review_final_update_guard": ("UPDATE", "evaluations_review", FINAL_OF_REVIEW.format(row="OLD")),
    "evaluations_review_final_insert_guard": ("INSERT", "evaluations_review", FINAL_OF_REVIEW.format(row="NEW")),
    "evaluations_answerevidence_final_guard": (
        "INSERT",
        "evaluations_answerevidence",
        FINAL_OF_REVIEW.format(row="NEW"),
    ),
}

PG_UP = [
    f"""CREATE OR REPLACE FUNCTION evaluations_final_guard() RETURNS trigger AS $$
       DECLARE frozen boolean;
       BEGIN
         IF TG_TABLE_NAME = 'evaluations_submission' THEN
           frozen := OLD.state = 'final';
         ELSIF TG_TABLE_NAME = 'evaluations_answer' THEN
           SELECT state = 'final' INTO frozen FROM evaluations_submission WHERE id = OLD.submission_id;
         ELSE
           SELECT s.state = 'final' INTO frozen FROM evaluations_submission s
             JOIN evaluations_answer a ON a.submission_id = s.id WHERE a.id = NEW.answer_id;
         END IF;
         IF frozen THEN
           RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER evaluations_submission_final_guard BEFORE UPDATE ON evaluations_submission
       FOR EACH ROW EXECUTE FUNCTION evaluations_final_guard();""",
    """CREATE TRIGGER evaluations_answer_final_guard BEFORE UPDATE ON evaluations_answer
       FOR EACH ROW EXECUTE FUNCTION evaluations_final_guard();""",
    """CREATE TRIGGER evaluations_review_final_guard BEFORE INSERT OR UPDATE ON evaluations_review
       FOR EACH ROW EXECUTE FUNCTION evaluations_final_guard();""",
    """CREATE TRIGGER evaluations_answerevidence_final_guard BEFORE INSERT ON evaluations_answerevidence
       FOR EACH ROW EXECUTE FUNCTION evaluations_final_guard();""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS evaluations_submission_final_guard ON evaluations_submission;",
    "DROP TRIGGER IF EXISTS evaluations_answer_final_guard ON evaluations_answer;",
    "DROP TRIGGER IF EXISTS evaluations_review_final_guard ON evaluations_review;",
    "DROP TRIGGER IF EXISTS evaluations_answerevidence_final_guard ON evaluations_answerevidence;",
    "DROP FUNCTION IF EXISTS evaluations_final_guard();",
]


def _sqlite_up() -> list[str]:
    return [
        f"CREATE TRIGGER {name} BEFORE {event} ON {table} WHEN {condition} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        for name, (event, table, condition) in SQLITE_TRIGGERS.items()
    ]


def forwards(apps, schema_editor):  # noqa: ANN001
    statements = PG_UP if schema_editor.connection.vendor == "postgresql" else _sqlite_up()
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        statements = PG_DOWN
    else:
        statements = [f"DROP TRIGGER IF EXISTS {name};" for name in SQLITE_TRIGGERS]
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
