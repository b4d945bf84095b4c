#pragma once

#include "core/Result.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace counterpart {

class Database;

// Copies the write-ahead log back into the database file from a thread and connection of its own, so
// the cashier's commit only appends to the log and syncs it. Left to SQLite (wal_autocheckpoint), every
// ~1,000 log pages one commit also writes those pages into the file and syncs it: measured on a
// million-member till, that took an earn's p99 from 1.3 ms to 4.7 ms (docs/benchmarks.md, Till core).
// PASSIVE checkpoints never wait for or block the cashier's connection.
class WalCheckpointer
{
public:
    static Result<std::unique_ptr<WalCheckpointer>> start(const QString &path, int intervalMs = 1000);
    ~WalCheckpointer(); // stops the thread; the last checkpoint is the one SQLite does on close

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    qint64 checkpoints() const { return m_checkpoints.load(); } // passes that copied pages
    qint64 failures() const { return m_failures.load(); }

private:
    WalCheckpointer(std::unique_ptr<Database> db, int intervalMs);
    void run();

    std::unique_ptr<Database> m_db;
    const int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<qint64> m_checkpoints{0};
    std::atomic<qint64> m_failures{0};
    std::thread m_thread;
};

} // namespace counterpart
