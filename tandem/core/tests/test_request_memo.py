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
