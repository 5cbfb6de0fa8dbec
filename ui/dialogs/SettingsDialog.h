#pragma once

#include "core/store/Settings.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace hftm {

class StatusLine;
class TokenStore;

// Preferences: where secrets are kept, the Hub endpoint, expiry warning, clipboard timeout,
// revalidation interval and open at login (AutostartSync writes the entry). Applies them on OK through
// TokenStore (a storage-mode move through its StoreEditor, off the GUI thread); an error keeps the dialog
// open.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(TokenStore *store, QWidget *parent = nullptr);

    void accept() override;
    void reject() override;

    StorageMode selectedStorageMode() const;
    // The endpoint as it will be saved: trimmed, trailing '/' removed; empty means the default.
    QString normalizedEndpoint() const;

private:
    QWidget *buildStorageGroup();
    void load(const Settings &settings);
    void validateEndpoint();
    void saveAndClose(StorageMode mode);

    TokenStore *m_store;
    QButtonGroup *m_modes = nullptr;
    QLineEdit *m_endpoint = nullptr;
    StatusLine *m_endpointStatus = nullptr;
    QSpinBox *m_expiryDays = nullptr;
    QSpinBox *m_clipboardSeconds = nullptr;
    QSpinBox *m_revalidateHours = nullptr;
    QCheckBox *m_openAtLogin = nullptr;
    StatusLine *m_saveStatus = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_okButton = nullptr;
    bool m_moving = false; // a storage-mode move is being written
};

} // namespace hftm
