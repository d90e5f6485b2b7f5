# Two threads hand a token back and forth ROUNDS times: two thread switches per round.
import sys
import threading

rounds = int(sys.argv[1])
ping, pong = threading.Event(), threading.Event()


def player(mine, other):
    for _ in range(rounds):
        mine.wait()
        mine.clear()
        other.set()


a = threading.Thread(target=player, args=(ping, pong))
b = threading.Thread(target=player, args=(pong, ping))
a.start()
b.start()
ping.set()
a.join()
b.join()
