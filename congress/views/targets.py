"""/dai-hoi/chi-tieu/<code>/: one target of the term with its whole history of values."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from congress import progress


@require_GET
def target_detail(request, slug):
    item = progress.target_progress(slug)
    if item is None:
        raise Http404("No such target")
    return render(request, "congress/target_detail.html", {"item": item, "target": item.target})
