"""The words of a committee's page "how we are told" (fr first, en complete)."""

TEXTS = {
    "fr": {
        "title": "Comment votre comité est prévenu",
        "lead": ("Le programme prévient votre comité de chaque arrivée dans votre village. "
                 "Choisissez ici la langue des messages et, si votre association en a un, "
                 "le webhook à appeler."),
        "email": "Adresse du comité",
        "email_help": ("Cette adresse est aussi celle avec laquelle le comité se connecte : "
                       "seule l'équipe Soho Solo la change. Écrivez-lui pour en changer."),
        "no_committee": ("Votre village n'a pas de comité enregistré en ce moment : l'équipe "
                         "Soho Solo doit d'abord enregistrer son adresse."),
        "locale": "Langue des messages",
        "languages": {"fr": "Français", "en": "Anglais"},
        "webhook_url": "Adresse du webhook (facultatif)",
        "webhook_hint": ("Une adresse https:// appelée par un POST signé à chaque arrivée. "
                         "Laissez vide pour ne pas en avoir."),
        "save": "Enregistrer",
        "saved": "C'est enregistré : les prochains messages suivront ce choix.",
        "channels_link": "Le rythme des messages et le secret du webhook",
        "village_link": "Retour à mon village",
        "changed_title": "Le comité a changé entre-temps",
        "changed": ("Quelqu'un a modifié le comité depuis que vous avez ouvert la page : "
                    "rien n'a été enregistré. Voici le comité tel qu'il est maintenant, avec "
                    "ce que vous aviez saisi."),
        "edit": "Revenir au formulaire",
        "errors": {
            "locale": "Choisissez la langue des messages.",
            "invalid": "Indiquez une adresse web complète, commençant par https://.",
            "https": "L'adresse du webhook doit commencer par https://.",
            "credentials": "L'adresse du webhook ne doit pas contenir d'identifiant ni de mot de passe.",
            "private": "L'adresse du webhook doit être une adresse publique sur Internet.",
        },
    },
    "en": {
        "title": "How your committee is told",
        "lead": ("The programme tells your committee of each arrival in your village. Choose "
                 "here the language of the messages and, if your association has one, the "
                 "webhook to call."),
        "email": "Committee's address",
        "email_help": ("This address is also the one the committee signs in with: only the "
                       "Soho Solo team changes it. Write to them to change it."),
        "no_committee": ("Your village has no committee recorded at the moment: the Soho Solo "
                         "team must first record its address."),
        "locale": "Language of the messages",
        "languages": {"fr": "French", "en": "English"},
        "webhook_url": "Webhook address (optional)",
        "webhook_hint": ("An https:// address called by a signed POST for each arrival. "
                         "Leave it empty to have none."),
        "save": "Save",
        "saved": "Saved: the next messages will follow this choice.",
        "channels_link": "The rhythm of the messages and the webhook's secret",
        "village_link": "Back to my village",
        "changed_title": "The committee changed meanwhile",
        "changed": ("Someone changed the committee since you opened the page: nothing was "
                    "saved. Here is the committee as it is now, with what you had typed."),
        "edit": "Back to the form",
        "errors": {
            "locale": "Choose the language of the messages.",
            "invalid": "Enter a complete web address, starting with https://.",
            "https": "The webhook address must start with https://.",
            "credentials": "The webhook address must not contain a user name or password.",
            "private": "The webhook address must be a public address on the Internet.",
        },
    },
}
