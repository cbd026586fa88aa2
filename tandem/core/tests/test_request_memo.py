from tandem.core.request_memo import RequestMemoMiddleware, forget, once_per_request


def test_outside_a_request_every_call_reads_again():
    calls = []
    for _ in range(2):
        once_per_request("k", lambda: calls.append(1))
    assert len(calls) == 2


def test_in_a_request_a_fact_is_read_once_until_forgotten_and_never_after_it(rf):
    calls = []

    def read():
        calls.append(1)
        return len(calls)

    def view(request):
        first = once_per_request("k", read)
        again = once_per_request("k", read)
        forget("k")
        return (first, again, once_per_request("k", read))

    assert RequestMemoMiddleware(view)(rf.get("/")) == (1, 1, 2)
    assert RequestMemoMiddleware(view)(rf.get("/")) == (3, 3, 4)  # the next request reads anew
    assert once_per_request("k", read) == 5


def test_the_unread_count_is_read_again_in_the_request_that_changes_it(rf, db):
    from tandem.accounts.tests.factories import UserFactory
    from tandem.core.notifications import mark_all_read, mark_read, notify, unread_count

    person = UserFactory()

    def view(request):
        seen = [unread_count(person)]
        notification = notify(person, kind="t", title="One", email=False)
        seen.append(unread_count(person))
        notify(person, kind="t", title="Two", email=False)
        seen.append(unread_count(person))
        mark_read(notification)
        seen.append(unread_count(person))
        mark_all_read(person)
        seen.append(unread_count(person))
        return seen

    assert RequestMemoMiddleware(view)(rf.get("/")) == [0, 1, 2, 1, 0]
