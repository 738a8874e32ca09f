from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "voneinander.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        # News joins the search as one more kind; connect() is idempotent (dispatch_uid).
        from voneinander.news.search_index import NewsIndexer
        from voneinander.search import indexers, signals

        indexers.register(NewsIndexer())
        signals.connect()
