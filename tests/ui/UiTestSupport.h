#pragma once

// The till fixture (tests/support/TillFixture.h) with the counter's two staff (manager m1 / 2468,
// cashier c1 / 1357), and the real MainWindow over it, shown on the offscreen platform.

#include "tests/support/TillFixture.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

#include <memory>

namespace counterpart::test {

// The screens' tests start on Tuesday 10 March 2026, 10:00 (no member day), with the counter's staff.
inline TillFixtureOptions uiTillOptions()
{
    TillFixtureOptions options;
    options.startMs = at("2026-03-10T10:00:00");
    options.staff = counterStaff();
    return options;
}

// Once per test program: quiet logs, settings and the key file in a temporary folder.
inline void setUpUiTests(const TempDir &dir)
{
    quietInfoLogs();
    qputenv("COUNTERPART_KEY_FILE", dir.file(QStringLiteral("till.key")).toUtf8());
    qputenv("XDG_CONFIG_HOME", dir.file(QStringLiteral("config")).toUtf8());
    QApplication::setOrganizationName(QStringLiteral("CounterpartTest"));
    theme::apply(*qApp);
}

// One folder, one clock and one key file for the whole test program; a database of its own per test.
struct UiTill : TillFixture {
    UiTill()
        : TillFixture(uiTillOptions())
    {}

    TillSession session;
    std::unique_ptr<MainWindow> window;

    // A fresh database file named `name`; without staff it is a till being set up.
    bool open(const QString &name, bool withStaff = true)
    {
        const Status opened = withStaff ? TillFixture::open(name) : openEmpty(name);
        if (!opened) {
            qWarning() << opened.error().message;
            return false;
        }
        session = TillSession{till.get(), dbPath(), tillOptions(), &clock};
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

    // Signs in on the sign-in screen by keyboard, as staff do: the id, Return, the PIN, Return.
    void signInByKeyboard(const QString &id, const QString &pin) const
    {
        auto *staff = find<QLineEdit>("staffIdEdit");
        auto *pinEdit = find<QLineEdit>("pinEdit");
        QVERIFY(staff && pinEdit);
        QTRY_VERIFY(staff->isVisible());
        QTRY_VERIFY(pinEdit->isEnabled()); // not still checking the PIN before
        if (!staff->isReadOnly() && staff->text() != id) {
            staff->clear();
            QTest::keyClicks(staff, id);
        }
        QTest::keyClick(staff, Qt::Key_Return);
        QTest::keyClicks(pinEdit, pin);
        QTest::keyClick(pinEdit, Qt::Key_Return);
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

    // What the result panel says after an earn, redemption or refund: the headline, a newline, what to
    // tell the customer; empty when it is hidden.
    QString resultText() const
    {
        auto *panel = find<QWidget>("resultPanel");
        if (!panel || !panel->isVisible())
            return {};
        return find<QLabel>("resultHeadline")->text() + QLatin1Char('\n') +
               find<QLabel>("resultTell")->text();
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
