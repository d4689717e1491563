import { createApp } from 'vue';
import '../shared/style.css';
import { mountNav } from '../shared/nav';
import App from './App.vue';

mountNav();
createApp(App).mount('#app');
