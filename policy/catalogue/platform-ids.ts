/**
 * The catalogue's vendor ids that are the site's own platform (its CMS, server runtime or proxy):
 * never a recipient. Kept as a plain list so that the letter (request.html) can leave them out
 * without bundling the whole catalogue; tests/unit/recipients.test.tsx checks it equals the
 * catalogue's platform vendors.
 */
export const PLATFORM_VENDOR_IDS: ReadonlySet<string> = new Set([
  '1c-bitrix',
  'ocd-django',
  'ocd-asp-net',
  'ocd-laravel',
  'ocd-php-net',
  'ocd-adobe-coldfusion',
  'ocd-nopcommerce',
  'ocd-magento',
  'ocd-wordpress',
  'ocd-joomla',
  'ocd-kentico',
  'ocd-drupal-cms',
  'ocd-nginx-ingresss',
  'ocd-alteon',
  'ocd-craftcms',
  'ocd-codeigniter',
  'ocd-cakephp',
  'ocd-f5-big-ip',
  'ocd-haproxy',
  'ocd-vbulletin',
  'ocd-processwire',
  'ocd-wordpress-2',
  'ocd-phpmyadmin',
  'ocd-plesk',
  'ocd-typo3',
  'ocd-j2ee',
  'ocd-xenforo',
  'ocd-rack',
  'ocd-perl',
  'ocd-next',
  'ocd-nextauth-js',
  'ocd-ruby-on-rails',
  'ocd-devise-ruby-on-rails',
]);
