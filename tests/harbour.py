"""A small made-up news story, in the paragraphs both extraction-agreement test files
build their pages from."""

PARAGRAPHS = [
    "The city council voted on Tuesday night to reopen the harbour baths next summer, "
    "ending a closure that began when the old pumps failed three years ago.",
    "Councillors approved a budget of 2.4 million euros for new pumps, a second changing "
    "room and a ramp for wheelchair users, with the work to start in February.",
    "Swimmers who had campaigned for the reopening filled the public gallery and cheered "
    "when the vote was read out, the chair said afterwards.",
    "The baths will open from June to September, and entry will stay free for children "
    "under twelve, as it was before the closure.",
]
