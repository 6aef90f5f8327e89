from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = (
        "Run the background task worker (django-tasks-db). Start as many as you like, on any "
        "machine that reaches the database; `--batch` processes what is queued and exits."
    )
