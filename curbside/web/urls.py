from curbside.web.views import accounts, answering, asking, reading

app_name = "web"

urlpatterns = (
    reading.urlpatterns
    + accounts.urlpatterns
    + asking.urlpatterns
    + answering.urlpatterns
)
