"""Time the province's people export on the loaded database: what the request now does (count the
list, queue the job) and what the worker does (write the file), against writing it in the request.

    CANBO_DEBUG=1 .venv/bin/canbo shell -c "exec(open('scripts/time_people_export.py').read())"
"""

import os
import time

from django_tasks_db.models import DBTaskResult

from canbo.accounts.models import User
from canbo.core.context import acting_as
from canbo.exchange import exports
from canbo.exchange.models import ExportJob
from canbo.people import selectors

user = User.objects.get(username="sonoivu")
with acting_as(user, origin="command", label="timing"):
    started = time.perf_counter()
    qs = selectors.PeopleFilter.from_params({}, user=user).apply(selectors.people_for(user))
    total = qs.count()
    job = exports.export_start(user=user, query="", total=total)  # queued (run inline if immediate)
    queued = time.perf_counter() - started
    started = time.perf_counter()
    exports.run_export(job.pk)
    written = time.perf_counter() - started
job.refresh_from_db()
print(f"people: {total}; request (count + queue): {queued:.2f} s; worker (write the file): {written:.2f} s")
print(f"status {job.status}, rows {job.processed_rows}, file {os.path.getsize(job.file_path) / 1e6:.1f} MB")
os.unlink(job.file_path)
ExportJob.objects.filter(pk=job.pk).delete()
DBTaskResult.objects.filter(pk=job.task_id).delete()  # the queued copy the timing ran itself
