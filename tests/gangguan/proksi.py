"""A TCP proxy the tests can cut and restore, standing in for a PostgreSQL or Redis outage.

`putus()` drops every open connection and refuses new ones (as a server that went down would);
`sambung()` lets connections through again. The real server behind it is never touched, so other
tests using it are unaffected.
"""

import select
import socket
import threading


class Proksi:
    def __init__(self, tujuan: tuple[str, int]):
        self.tujuan = tujuan
        self.dengar = socket.create_server(("127.0.0.1", 0))
        self.port = self.dengar.getsockname()[1]
        self.terbuka = threading.Event()
        self.terbuka.set()
        self._pasangan: list[tuple[socket.socket, socket.socket]] = []
        self._kunci = threading.Lock()
        self._henti = False
        threading.Thread(target=self._terima, daemon=True).start()

    def _terima(self):
        while not self._henti:
            try:
                klien, _ = self.dengar.accept()
            except OSError:
                return
            if not self.terbuka.is_set():
                klien.close()  # refused: the client sees the connection closed at once
                continue
            try:
                server = socket.create_connection(self.tujuan, timeout=5)
            except OSError:
                klien.close()
                continue
            with self._kunci:
                if not self.terbuka.is_set():  # cut while this one was connecting
                    klien.close()
                    server.close()
                    continue
                self._pasangan.append((klien, server))
            threading.Thread(target=self._salurkan, args=(klien, server), daemon=True).start()

    @staticmethod
    def _salurkan(a: socket.socket, b: socket.socket):
        try:
            while True:
                siap, _, _ = select.select([a, b], [], [], 1)
                for s in siap:
                    data = s.recv(65536)
                    if not data:
                        return
                    (b if s is a else a).sendall(data)
        except (OSError, ValueError):  # ValueError: a socket putus() closed under select()
            return
        finally:
            for s in (a, b):
                try:
                    s.close()
                except OSError:
                    pass

    def putus(self):
        self.terbuka.clear()
        with self._kunci:
            pasangan, self._pasangan = self._pasangan, []
        for a, b in pasangan:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def sambung(self):
        self.terbuka.set()

    def tutup(self):
        self._henti = True
        self.putus()
        self.dengar.close()
