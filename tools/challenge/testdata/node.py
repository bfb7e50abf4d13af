#!/usr/bin/env python3
"""A Maelstrom broadcast node in plain Python, to show that the harness and
the judge take a node in any language: it keeps every value it hears,
answers read, and every 200 ms sends all it has to every other node.
With --no-gossip it keeps values to itself, and loses them."""
import json
import sys
import threading
import time

GOSSIP = "--no-gossip" not in sys.argv[1:]
out_lock, state_lock = threading.Lock(), threading.Lock()
node_id, peers, values = None, [], set()


def send(dest, body):
    with out_lock:
        print(json.dumps({"src": node_id, "dest": dest, "body": body}), flush=True)


def gossip_forever():
    while True:
        time.sleep(0.2)
        with state_lock:
            snapshot = sorted(values)
        for peer in peers:
            send(peer, {"type": "gossip", "messages": snapshot})


for line in sys.stdin:
    msg = json.loads(line)
    body = msg["body"]
    reply = {"in_reply_to": body.get("msg_id")}
    if body["type"] == "init":
        node_id = body["node_id"]
        peers = [n for n in body["node_ids"] if n != node_id]
        if GOSSIP:
            threading.Thread(target=gossip_forever, daemon=True).start()
        reply["type"] = "init_ok"
    elif body["type"] == "topology":
        reply["type"] = "topology_ok"
    elif body["type"] == "broadcast":
        with state_lock:
            values.add(body["message"])
        reply["type"] = "broadcast_ok"
    elif body["type"] == "read":
        with state_lock:
            reply.update(type="read_ok", messages=sorted(values))
    elif body["type"] == "gossip":
        with state_lock:
            values.update(body["messages"])
        continue
    send(msg["src"], reply)
