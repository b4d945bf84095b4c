#pragma once

// A till on a temporary database with a ManualClock, two staff (manager m1 / 2468, cashier c1 /
// 1357), and the real MainWindow over it, shown on the offscreen platform.

#include "app/Till.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QTest>

#include <memory>

namespace counterpart::test {

inline TillConfig uiTestConfig()
{
    TillConfig c;
    c.storeId = QStringLiteral("S001");
    c.storeName = QStringLiteral("Test store");
    c.terminalNumber = 12345;
    c.region = QStringLiteral("CN");
    c.timeZone = QByteArrayLiteral("Asia/Shanghai");
    c.currency = QStringLiteral("CNY");
    c.language = QStringLiteral("en");
    c.cashierRefundLimitMinor = 50000;
    return c;
}

// Once per test program: quiet logs, settings and the key file in a temporary folder.
inline void setUpUiTests(const TempDir &dir)
{
    QLoggingCategory::setFilterRules(QStringLiteral("counterpart.*.info=false"));
    qputenv("COUNTERPART_KEY_FILE", dir.file(QStringLiteral("till.key")).toUtf8());
    qputenv("XDG_CONFIG_HOME", dir.file(QStringLiteral("config")).toUtf8());
    QApplication::setOrganizationName(QStringLiteral("CounterpartTest"));
    theme::apply(*qApp);
}

struct UiTill {
    ManualClock clock{local(QStringLiteral("2026-03-10T10:00:00"))}; // a Tuesday, no member day
    std::unique_ptr<Till> till;
    TillSession session;
    std::unique_ptr<MainWindow> window;

    // A fresh database file in `dir` named `name`; without staff it is a till being set up.
    bool open(const TempDir &dir, const QString &name, bool withStaff = true)
    {
        const QString path = dir.file(name);
        TillOptions options;
        options.keyFile = dir.file(QStringLiteral("till.key"));
        auto opened = Till::open(path, clock, options, uiTestConfig());
        if (!opened) {
            qWarning() << opened.error().message;
            return false;
        }
        till = std::move(opened.value());
        // Few PBKDF2 iterations: the tests sign in many times.
        if (withStaff && (!till->createOperator(QStringLiteral("m1"), QStringLiteral("Mei Manager"),
                                                Role::Manager, QStringLiteral("2468"), 1000) ||
                          !till->createOperator(QStringLiteral("c1"), QStringLiteral("Chen Cashier"),
                                                Role::Cashier, QStringLiteral("1357"), 1000)))
            return false;
        session = TillSession{till.get(), path, options, &clock};
        window = std::make_unique<MainWindow>(session);
        window->resize(theme::MinimumWidth, theme::MinimumHeight);
        window->show();
        window->activateWindow();
        return QTest::qWaitForWindowActive(window.get());
    }

    template<typename T = QWidget>
    T *find(const char *name) const
    {
        return window->findChild<T *>(QString::fromLatin1(name));
    }

    // The open dialog with this object name, or null.
    QDialog *dialog(const char *name) const
    {
        const auto all = window->findChildren<QDialog *>(QString::fromLatin1(name));
        for (QDialog *d : all) {
            if (d->isVisible())
                return d;
        }
        return nullptr;
    }

    // Waits until the dialog is open and has the keyboard (the platform activates it).
    QDialog *waitDialog(const char *name) const
    {
        QDialog *d = nullptr;
        const bool open = QTest::qWaitFor([&] {
            d = dialog(name);
            return d && d->isActiveWindow();
        });
        return open ? d : nullptr;
    }

    template<typename T = QWidget>
    static T *in(QWidget *parent, const char *name)
    {
        return parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
    }

    QString bannerText() const
    {
        auto *banner = find<QLabel>("messageBanner");
        return banner && banner->isVisible() ? banner->text() : QString();
    }
};

// Types into whatever has the keyboard focus, as a keyboard or a keyboard-wedge scanner does.
inline void typeIntoFocus(const QString &text)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClicks(focus, text);
}

inline void pressIntoFocus(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClick(focus, key, modifiers);
}

} // namespace counterpart::test
