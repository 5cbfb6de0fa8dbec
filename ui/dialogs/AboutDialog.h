#pragma once

#include <QDialog>

class QLabel;

namespace hftm {

class TokenStore;

// Help > About: the app's version, the Qt it was built with and runs on, and the folders in force
// (the huggingface_hub folder and this store's settings folder), so a bug report can name them.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const TokenStore *store, QWidget *parent = nullptr);

    // The text shown, one fact per line (for copying into a bug report).
    QString text() const;

private:
    QLabel *m_text = nullptr;
};

} // namespace hftm
