"""Gradio's wire protocol spoken by hand (raw HTTP), as an attacker would: list the events from
`/config`, call any of them by `fn_index` with any data, read the result."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Event:
    fn_index: int
    api_name: str | None
    queued: bool
    inputs: list[str]  # component types, e.g. ["textbox", "state"]


def events(client: httpx.Client) -> list[Event]:
    """Every event with a Python function behind it, as `/config` lists them."""
    config = client.get("/config").json()
    types = {c["id"]: c["type"] for c in config["components"]}
    return [
        Event(index, d.get("api_name"), bool(d.get("queue")), [types[i] for i in d["inputs"]])
        for index, d in enumerate(config["dependencies"])
        if d.get("backend_fn")
    ]


def call(client: httpx.Client, event: Event, data: list, timeout: float = 60) -> str:
    """Runs the event with `data` as a client may send it; returns everything the server answered
    (the result, or the error) as text."""
    session = uuid.uuid4().hex[:11]
    body = {"data": data, "fn_index": event.fn_index, "session_hash": session}
    if not event.queued:
        response = client.post("/gradio_api/run/predict", json=body, timeout=timeout)
        return f"{response.status_code} {response.text}"
    body |= {"event_data": None, "trigger_id": None}
    joined = client.post("/gradio_api/queue/join", json=body, timeout=timeout)
    if joined.status_code != 200:
        return f"{joined.status_code} {joined.text}"
    answered = []
    with client.stream(
        "GET", "/gradio_api/queue/data", params={"session_hash": session}, timeout=timeout
    ) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            answered.append(line)
            message = json.loads(line[5:])
            if message.get("msg") in ("process_completed", "close_stream", "unexpected_error"):
                break
    return "\n".join(answered)


def call_by_name(client: httpx.Client, api_name: str, data: list, timeout: float = 60) -> str:
    """The public route `POST /gradio_api/call/<api_name>`, then its event stream."""
    started = client.post(f"/gradio_api/call/{api_name}", json={"data": data}, timeout=timeout)
    if started.status_code != 200:
        return f"{started.status_code} {started.text}"
    event_id = started.json()["event_id"]
    result = client.get(f"/gradio_api/call/{api_name}/{event_id}", timeout=timeout)
    return f"{result.status_code} {result.text}"
