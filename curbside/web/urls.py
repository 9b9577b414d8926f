from curbside.web.views import accounts, answering, asking, reading

app_name = "web"

# The acting routes come first: "questions/<pk>/edit/" and the like would otherwise
# be taken by the question page's "questions/<pk>/<slug>/".
urlpatterns = (
    accounts.urlpatterns
    + asking.urlpatterns
    + answering.urlpatterns
    + reading.urlpatterns
)
